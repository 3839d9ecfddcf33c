module goroutinedebug1

go 1.19
