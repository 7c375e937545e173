"""Files shipped with the app: permit templates, demo data, fonts, icons, translations."""
