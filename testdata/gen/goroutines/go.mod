module pa.test/gen/goroutines

go 1.27
