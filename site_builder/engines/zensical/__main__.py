"""`python -m site_builder.engines.zensical build|serve` (see run.py)."""

import sys

from site_builder.engines.zensical.run import main

sys.exit(main())
