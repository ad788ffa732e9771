"""Run careerpath as ``python -m careerpath``."""

from careerpath.launch import main

raise SystemExit(main())
