"""The desktop client (PySide6). The only package of Tutor that imports Qt."""
