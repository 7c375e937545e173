"""The device's Ed25519 key, which signs its offline bundles (DESIGN §5.7).

The key pair is made at first use and its private half kept in the profile's state (``DEVICE_KEY``),
next to the device id it belongs to; the public half is registered with the server by the
device's user at the next sync. Keeping it in the profile, not in the keyring, is acceptable
because it is not a password and opens nothing: it only shows *which device* made a bundle. It
cannot read or write the shared database, and a coordinator's import still checks every change
against the author's own assignments with the push rules, so a stolen key could at most pass a
bundle off as that device's (which needs the coordinator to import it, and which the history
records with the bundle id and the coordinator's name). Whoever can read the profile file can
read the dossiers in it anyway.
"""

from __future__ import annotations

import logging

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tutor_app.store.local import LocalStore
from tutor_app.store.state import DEVICE_KEY, KEY_REGISTERED

log = logging.getLogger("tutor.sync.bundle")



def device_key(store: LocalStore) -> Ed25519PrivateKey:
    """This device's signing key, made (and kept) at first use."""
    stored = store.state(DEVICE_KEY)
    if not stored:
        with store.write() as w:
            stored = DEVICE_KEY.get(w.conn)
            if not stored:
                stored = Ed25519PrivateKey.generate().private_bytes_raw().hex()
                DEVICE_KEY.set(w.conn, stored)
                log.info("made the signing key of device %s", store.device_id)
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(str(stored)))


def public_key_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes_raw().hex()


def sign(key: Ed25519PrivateKey, data: bytes) -> str:
    return key.sign(data).hex()


def signature_matches(public_key: str, data: bytes, signature: str) -> bool:
    """Whether ``signature`` (hex) is the key's signature of ``data``; False for anything malformed."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(bytes.fromhex(signature), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def needs_registration(store: LocalStore, server_id: str) -> bool:
    """True until the device's public key is registered with this server (no write, no round trip)."""
    return bool(store.state(KEY_REGISTERED) != server_id)


def mark_registered(store: LocalStore, server_id: str) -> None:
    with store.write() as w:
        KEY_REGISTERED.set(w.conn, server_id)
