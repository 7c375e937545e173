-- Ed25519 signature verification (RFC 8032 §5.1.7), for the server's own check of a bundle's
-- signature (90_bundles.sql). Stock PostgreSQL has no Ed25519: this is plain PL/pgSQL (about
-- 0.1 s a bundle), numeric arithmetic modulo p = 2^255 - 19 and the built-in sha512(); no
-- extension is needed. Points are in extended coordinates (X, Y, Z, T) as numeric[]; the check
-- is OpenSSL's: S < L and the encoding of [S]B - [k]A equals R, with k = SHA-512(R || A || M) mod L.

-- The field's prime p.
CREATE OR REPLACE FUNCTION tutor._ed_p() RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS
$$ SELECT 57896044618658097711785492504343953926634992332820282019728792003956564819949::numeric $$;

CREATE OR REPLACE FUNCTION tutor._ed_pow(b numeric, e numeric, m numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  r numeric := 1;
BEGIN
  b := mod(b, m);
  WHILE e > 0 LOOP
    IF mod(e, 2) = 1 THEN
      r := mod(r * b, m);
    END IF;
    b := mod(b * b, m);
    e := div(e, 2);
  END LOOP;
  RETURN r;
END $$;

-- The little-endian integer of some bytes (keys, signatures, hashes are little-endian).
CREATE OR REPLACE FUNCTION tutor._ed_int(b bytea) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  v numeric := 0;
BEGIN
  FOR i IN REVERSE length(b) - 1 .. 0 LOOP
    v := v * 256 + get_byte(b, i);
  END LOOP;
  RETURN v;
END $$;

CREATE OR REPLACE FUNCTION tutor._ed_add(a numeric[], b numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
  d2 constant numeric := 16295367250680780974490674513165176452449235426866156013048779062215315747161;  -- 2d
  aa numeric := mod((a[2] - a[1]) * (b[2] - b[1]), p);
  bb numeric := mod((a[2] + a[1]) * (b[2] + b[1]), p);
  cc numeric := mod(mod(a[4] * d2, p) * b[4], p);
  dd numeric := mod(2 * a[3] * b[3], p);
  e numeric := bb - aa;
  f numeric := dd - cc;
  g numeric := dd + cc;
  h numeric := bb + aa;
BEGIN
  RETURN ARRAY[mod(e * f, p), mod(g * h, p), mod(f * g, p), mod(e * h, p)];
END $$;

CREATE OR REPLACE FUNCTION tutor._ed_mul(s numeric, pt numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  q numeric[] := ARRAY[0, 1, 1, 0]::numeric[];
BEGIN
  WHILE s > 0 LOOP
    IF mod(s, 2) = 1 THEN
      q := tutor._ed_add(q, pt);
    END IF;
    pt := tutor._ed_add(pt, pt);
    s := div(s, 2);
  END LOOP;
  RETURN q;
END $$;

-- A point from its 32-byte encoding; NULL when it is not one.
CREATE OR REPLACE FUNCTION tutor._ed_decode(b bytea) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := tutor._ed_p();
  d constant numeric := 37095705934669439343138083508754565189542113879843219016388785533085940283555;
  i constant numeric := 19681161376707505956807079304988542015446066515923890162744021073123829784752;  -- sqrt(-1)
  y numeric;
  sign integer;
  x2 numeric;
  x numeric;
BEGIN
  IF length(b) <> 32 THEN
    RETURN NULL;
  END IF;
  sign := get_byte(b, 31) >> 7;
  y := tutor._ed_int(set_byte(b, 31, get_byte(b, 31) & 127));
  IF y >= p THEN
    RETURN NULL;
  END IF;
  x2 := mod((y * y - 1) * tutor._ed_pow(d * y * y + 1, p - 2, p), p);
  IF x2 < 0 THEN
    x2 := x2 + p;
  END IF;
  IF x2 = 0 THEN
    IF sign = 1 THEN
      RETURN NULL;
    END IF;
    RETURN ARRAY[0, y, 1, 0]::numeric[];
  END IF;
  x := tutor._ed_pow(x2, div(p + 3, 8), p);
  IF mod(x * x - x2, p) <> 0 THEN
    x := mod(x * i, p);
  END IF;
  IF mod(x * x - x2, p) <> 0 THEN
    RETURN NULL;
  END IF;
  IF mod(x, 2) <> sign THEN
    x := p - x;
  END IF;
  RETURN ARRAY[x, y, 1, mod(x * y, p)];
END $$;

CREATE OR REPLACE FUNCTION tutor._ed_encode(pt numeric[]) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := tutor._ed_p();
  zi numeric := tutor._ed_pow(pt[3], p - 2, p);
  x numeric := mod(mod(pt[1] * zi, p) + p, p);
  y numeric := mod(mod(pt[2] * zi, p) + p, p);
  out bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
BEGIN
  FOR k IN 0 .. 31 LOOP
    out := set_byte(out, k, mod(y, 256)::integer);
    y := div(y, 256);
  END LOOP;
  RETURN set_byte(out, 31, get_byte(out, 31) | (mod(x, 2)::integer << 7));
END $$;

-- Whether ``sig`` (64 bytes) is the signature of ``msg`` by the public key ``pub`` (32 bytes).
CREATE OR REPLACE FUNCTION tutor._ed25519_verify(pub bytea, msg bytea, sig bytea) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, tutor, pg_temp AS $$
DECLARE
  p constant numeric := tutor._ed_p();
  l constant numeric := 7237005577332262213973186563042994240857116359379907606001950938285454250989;
  base constant numeric[] := ARRAY[
    15112221349535400772501151409588531511454012693041857206046113283949847762202,
    46316835694926478169428394003475163141307993866256225615783033603165251855960, 1,
    46827403850823179245072216630277197565144205554125654976674165829533817101731]::numeric[];
  a numeric[];
  s numeric;
  k numeric;
  sb numeric[];
  ka numeric[];
BEGIN
  IF pub IS NULL OR msg IS NULL OR sig IS NULL OR length(pub) <> 32 OR length(sig) <> 64 THEN
    RETURN false;
  END IF;
  a := tutor._ed_decode(pub);
  IF a IS NULL THEN
    RETURN false;
  END IF;
  s := tutor._ed_int(substring(sig FROM 33 FOR 32));
  IF s >= l THEN
    RETURN false;
  END IF;
  k := mod(tutor._ed_int(sha512(substring(sig FROM 1 FOR 32) || pub || msg)), l);
  sb := tutor._ed_mul(s, base);
  ka := tutor._ed_mul(k, a);
  -- [S]B - [k]A: the negation of a point is (-X, Y, Z, -T).
  RETURN tutor._ed_encode(tutor._ed_add(sb, ARRAY[p - ka[1], ka[2], ka[3], p - ka[4]])) = substring(sig FROM 1 FOR 32);
END $$;
