"""Make logo.svg and logo.png from logo.json (run after editing the mark):

    python resources/branding/make_logo.py
"""

from __future__ import annotations

from tutor_app.reports.branding import branding_dir, write_png, write_svg

if __name__ == "__main__":
    folder = branding_dir()
    write_svg(folder / "logo.svg")
    write_png(folder / "logo.png")
    print(f"wrote {folder / 'logo.svg'} and {folder / 'logo.png'}")
