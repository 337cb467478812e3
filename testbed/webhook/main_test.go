package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func pod(t *testing.T, s string) podView {
	t.Helper()
	var p podView
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func names(ops []patchOp) (out []string) {
	for _, op := range ops {
		switch v := op.Value.(type) {
		case container:
			out = append(out, v.Name)
		case []container:
			for _, c := range v {
				out = append(out, c.Name)
			}
		}
	}
	return out
}

func TestNotLabelled(t *testing.T) {
	cfg, _ := loadConfig("")
	if ops := patchFor(cfg, pod(t, `{"spec":{"containers":[{"name":"app"}]}}`)); ops != nil {
		t.Fatalf("unexpected patch %v", ops)
	}
}

func TestSingleAndIdempotent(t *testing.T) {
	cfg, _ := loadConfig("")
	p := pod(t, `{"metadata":{"labels":{"wallarm-sidecar":"enabled"}},"spec":{"containers":[{"name":"app"}]}}`)
	ops := patchFor(cfg, p)
	got := names(ops)
	if len(got) != 2 || got[0] != "sidecar-proxy" || got[1] != "sidecar-init-iptables" {
		t.Fatalf("got %v", got)
	}
	if ops[0].Value.(container).Resources != nil {
		t.Fatalf("empty global resources must stay empty: %v", ops[0].Value)
	}
	again := pod(t, `{"metadata":{"labels":{"wallarm-sidecar":"enabled"}},"spec":{"containers":[{"name":"app"},{"name":"sidecar-proxy"}]}}`)
	if ops := patchFor(cfg, again); ops != nil {
		t.Fatalf("injected twice: %v", ops)
	}
}

func TestSplitAnnotationsReplaceGlobals(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "c.json")
	conf := `{"config":{"sidecar":{"containers":{"proxy":{"resources":{"requests":{"cpu":"200m","memory":"256Mi"}}},
	  "helper":{"resources":{"requests":{"cpu":"100m"}}}}}}}`
	if err := os.WriteFile(f, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	p := pod(t, `{"metadata":{"labels":{"wallarm-sidecar":"enabled"},"annotations":{
	  "sidecar.wallarm.io/sidecar-injection-schema":"split","sidecar.wallarm.io/proxy-memory-limit":"1Gi"}},
	  "spec":{"containers":[{"name":"app"}],"initContainers":[{"name":"x"}]}}`)
	ops := patchFor(cfg, p)
	got := names(ops)
	want := []string{"sidecar-proxy", "sidecar-helper", "sidecar-init-iptables", "sidecar-init-helper"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v want %v", got, want)
		}
	}
	proxy := ops[0].Value.(container).Resources
	if _, hasReq := proxy["requests"]; hasReq || proxy["limits"]["memory"] != "1Gi" {
		t.Fatalf("proxy resources must come from annotations only: %v", proxy)
	}
	if h := ops[1].Value.(container).Resources; h["requests"]["cpu"] != "100m" {
		t.Fatalf("helper keeps the global resources: %v", h)
	}
	if ops[2].Path != "/spec/initContainers/0" {
		t.Fatalf("init containers go first: %v", ops[2].Path)
	}
}
