module pa.test/gen/contention

go 1.27
