module pa.test/gen/heap

go 1.27
