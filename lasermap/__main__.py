from lasermap.cli import main

main()
