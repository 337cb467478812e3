module local/sidecar-injector

go 1.26
