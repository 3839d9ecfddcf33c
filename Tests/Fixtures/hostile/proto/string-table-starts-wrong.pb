
€ ""** 2x2inuse_space2bytes2	main.leak2main.go