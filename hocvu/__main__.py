import sys

from hocvu.cli import main

sys.exit(main())
