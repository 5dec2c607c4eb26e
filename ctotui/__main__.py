import sys

from ctotui.cli import main

sys.exit(main())
