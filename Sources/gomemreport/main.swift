import GoMemReportCLI

CommandLineEntry.main()
