module pa.test/gen/evil

go 1.27
