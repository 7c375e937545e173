#!/bin/sh
# Install Tutor from this tarball: system-wide under /opt (as root, what IT pushes) or for one user
# under ~/.local (no root). The profile and its data stay where they are (the user's data folder):
# installing, upgrading and removing Tutor never touch them.
#   ./install.sh            install (root: /opt/tutor-app and /usr/local; user: ~/.local)
#   ./install.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then prefix=/usr/local; app=/opt/tutor-app; else prefix="$HOME/.local"; app="$prefix/lib/tutor-app"; fi
id=it.regione.lombardia.tutor
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app" "$prefix/bin/tutor-app" "$prefix/share/applications/$id.desktop" \
        "$prefix/share/icons/hicolor/256x256/apps/$id.png" "$prefix/share/mime/packages/$id.xml" \
        "$prefix/share/metainfo/$id.metainfo.xml"
else
    rm -rf "$app.new" && mkdir -p "$(dirname "$app")" && cp -a "$here/tutor-app" "$app.new"
    rm -rf "$app" && mv "$app.new" "$app"   # an upgrade replaces the program, never the data
    mkdir -p "$prefix/bin" && ln -sf "$app/tutor-app" "$prefix/bin/tutor-app"
    for d in applications icons/hicolor/256x256/apps mime/packages metainfo; do
        mkdir -p "$prefix/share/$d" && cp -a "$here/share/$d/." "$prefix/share/$d/"
    done
fi
command -v update-mime-database >/dev/null && update-mime-database "$prefix/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" || true
