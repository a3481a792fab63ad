from sectorial.cli import main

raise SystemExit(main())
