import sys

from tutor_app.cli.main import main

sys.exit(main())
