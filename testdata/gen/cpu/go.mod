module pa.test/gen/cpu

go 1.27
