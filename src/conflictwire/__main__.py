from conflictwire.cli import main

main()
