// Command sidecar-injector is the test bed's stand-in for the Wallarm sidecar controller:
// a mutating admission webhook (admission.k8s.io/v1) that injects the Wallarm sidecar
// containers into pods labelled "wallarm-sidecar: enabled", with the chart's resource rules.
// It serves HTTPS on loopback with a CA and serving certificate generated at start.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

const (
	annotationPrefix = "sidecar.wallarm.io/"
	schemaAnnotation = annotationPrefix + "sidecar-injection-schema"
	injectLabel      = "wallarm-sidecar"
	injectValue      = "enabled"
)

// Resources is a container's resources as in the chart values ({requests: {...}, limits: {...}}).
// Values stay untyped so a config's quantities pass through unchanged.
type Resources map[string]map[string]any

type containerConfig struct {
	Resources Resources `json:"resources"`
}

// sidecarConfig mirrors the chart's `config.sidecar` (only the keys the injector uses).
type sidecarConfig struct {
	Image struct {
		Registry string `json:"registry"`
		Image    string `json:"image"`
		Tag      string `json:"tag"`
	} `json:"image"`
	Containers struct {
		Proxy  containerConfig `json:"proxy"`
		Helper containerConfig `json:"helper"`
	} `json:"containers"`
	InitContainers struct {
		Iptables containerConfig `json:"iptables"`
		Helper   containerConfig `json:"helper"`
	} `json:"initContainers"`
}

// Config is the injector's configuration file: the chart's `config` section
// (`sidecar`, `injectionStrategy`). A file holding the whole values tree
// (`{"config": {...}}`) is accepted too. JSON, which is also valid YAML.
type Config struct {
	Sidecar           sidecarConfig `json:"sidecar"`
	InjectionStrategy struct {
		Schema string `json:"schema"`
	} `json:"injectionStrategy"`
}

func loadConfig(path string) (Config, error) {
	var c Config
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, err
		}
		var wrapped struct {
			Config *Config `json:"config"`
		}
		if err := json.Unmarshal(data, &wrapped); err != nil {
			return c, fmt.Errorf("%s: %w (the file must be JSON)", path, err)
		}
		if wrapped.Config != nil {
			c = *wrapped.Config
		} else if err := json.Unmarshal(data, &c); err != nil {
			return c, fmt.Errorf("%s: %w", path, err)
		}
	}
	if c.InjectionStrategy.Schema == "" {
		c.InjectionStrategy.Schema = "single"
	}
	img := &c.Sidecar.Image
	if img.Registry == "" {
		img.Registry = "docker.io"
	}
	if img.Image == "" {
		img.Image = "wallarm/sidecar"
	}
	if img.Tag == "" {
		img.Tag = "6.7.2"
	}
	return c, nil
}

// sidecar describes one injected container: its name, the annotation stem of its
// per-pod overrides, and its global resources from the config.
type sidecar struct {
	name, stem string
	global     Resources
}

// resourcesFor applies the chart's rule: if any of the container's four annotations is
// set, its resources come from the annotations only; otherwise the global ones apply.
func resourcesFor(s sidecar, annotations map[string]string) Resources {
	keys := []struct{ suffix, kind, res string }{
		{"-cpu", "requests", "cpu"},
		{"-memory", "requests", "memory"},
		{"-cpu-limit", "limits", "cpu"},
		{"-memory-limit", "limits", "memory"},
	}
	fromAnnotations := Resources{}
	for _, k := range keys {
		v, ok := annotations[annotationPrefix+s.stem+k.suffix]
		if !ok {
			continue
		}
		if fromAnnotations[k.kind] == nil {
			fromAnnotations[k.kind] = map[string]any{}
		}
		fromAnnotations[k.kind][k.res] = v
	}
	if len(fromAnnotations) > 0 {
		return fromAnnotations
	}
	return s.global
}

type container struct {
	Name      string    `json:"name"`
	Image     string    `json:"image"`
	Args      []string  `json:"args,omitempty"`
	Resources Resources `json:"resources,omitempty"`
}

// podView holds just the pod fields the injector reads.
type podView struct {
	Metadata struct {
		Name         string            `json:"name"`
		GenerateName string            `json:"generateName"`
		Labels       map[string]string `json:"labels"`
		Annotations  map[string]string `json:"annotations"`
	} `json:"metadata"`
	Spec struct {
		Containers     []struct{ Name string } `json:"containers"`
		InitContainers []struct{ Name string } `json:"initContainers"`
	} `json:"spec"`
}

type patchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value any    `json:"value,omitempty"`
}

// patchFor returns the JSON patch that injects the sidecars, or nil when the pod is
// not selected or already injected (so a re-invocation never injects twice).
func patchFor(cfg Config, pod podView) []patchOp {
	if pod.Metadata.Labels[injectLabel] != injectValue {
		return nil
	}
	for _, c := range pod.Spec.Containers {
		if c.Name == "sidecar-proxy" {
			return nil
		}
	}
	for _, c := range pod.Spec.InitContainers {
		if c.Name == "sidecar-init-iptables" {
			return nil
		}
	}
	schema := cfg.InjectionStrategy.Schema
	if v, ok := pod.Metadata.Annotations[schemaAnnotation]; ok {
		schema = v
	}
	img := cfg.Sidecar.Image
	image := img.Registry + "/" + img.Image + ":" + img.Tag
	ann := pod.Metadata.Annotations

	mk := func(s sidecar, args ...string) container {
		return container{Name: s.name, Image: image, Args: args, Resources: resourcesFor(s, ann)}
	}
	sc, ic := cfg.Sidecar.Containers, cfg.Sidecar.InitContainers
	containers := []container{mk(sidecar{"sidecar-proxy", "proxy", sc.Proxy.Resources}, "proxy")}
	inits := []container{mk(sidecar{"sidecar-init-iptables", "init-iptables", ic.Iptables.Resources}, "init-iptables")}
	if schema == "split" {
		containers = append(containers, mk(sidecar{"sidecar-helper", "helper", sc.Helper.Resources}, "helper"))
		inits = append(inits, mk(sidecar{"sidecar-init-helper", "init-helper", ic.Helper.Resources}, "init-helper"))
	}

	var ops []patchOp
	for _, c := range containers {
		ops = append(ops, patchOp{Op: "add", Path: "/spec/containers/-", Value: c})
	}
	if len(pod.Spec.InitContainers) == 0 {
		ops = append(ops, patchOp{Op: "add", Path: "/spec/initContainers", Value: inits})
	} else {
		// The real injector runs its init containers first (iptables before the app's).
		for i, c := range inits {
			ops = append(ops, patchOp{Op: "add", Path: "/spec/initContainers/" + strconv.Itoa(i), Value: c})
		}
	}
	return ops
}

// AdmissionReview (admission.k8s.io/v1), reduced to the fields used here.
type admissionReview struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Request    *admissionRequest  `json:"request,omitempty"`
	Response   *admissionResponse `json:"response,omitempty"`
}

type admissionRequest struct {
	UID       string                `json:"uid"`
	Kind      struct{ Kind string } `json:"kind"`
	Namespace string                `json:"namespace"`
	Operation string                `json:"operation"`
	Object    json.RawMessage       `json:"object"`
}

type admissionResponse struct {
	UID       string  `json:"uid"`
	Allowed   bool    `json:"allowed"`
	PatchType *string `json:"patchType,omitempty"`
	Patch     []byte  `json:"patch,omitempty"`
	Result    *status `json:"status,omitempty"`
}

type status struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
}

func mutate(cfg Config, req *admissionRequest) *admissionResponse {
	resp := &admissionResponse{UID: req.UID, Allowed: true}
	if req.Kind.Kind != "Pod" || req.Operation != "CREATE" {
		return resp
	}
	var pod podView
	if err := json.Unmarshal(req.Object, &pod); err != nil {
		// Reject rather than admit an uninjected pod: the real controller fails closed too.
		resp.Allowed = false
		resp.Result = &status{Message: "sidecar-injector: cannot decode pod: " + err.Error(), Code: http.StatusBadRequest}
		return resp
	}
	ops := patchFor(cfg, pod)
	if len(ops) == 0 {
		return resp
	}
	patch, err := json.Marshal(ops)
	if err != nil {
		resp.Allowed = false
		resp.Result = &status{Message: err.Error(), Code: http.StatusInternalServerError}
		return resp
	}
	pt := "JSONPatch"
	resp.PatchType, resp.Patch = &pt, patch
	name := pod.Metadata.Name
	if name == "" {
		name = pod.Metadata.GenerateName + "*"
	}
	log.Printf("injected sidecars into pod %s/%s: %s", req.Namespace, name, patch)
	return resp
}

func handleMutate(cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var review admissionReview
		if err := json.Unmarshal(body, &review); err != nil || review.Request == nil {
			http.Error(w, "expected an admission.k8s.io/v1 AdmissionReview with a request", http.StatusBadRequest)
			return
		}
		out := admissionReview{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview", Response: mutate(cfg, review.Request)}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(out); err != nil {
			log.Printf("writing response: %v", err)
		}
	}
}

// newCerts generates a throwaway CA and a serving certificate for 127.0.0.1 signed by it.
func newCerts() (caPEM []byte, serving tls.Certificate, err error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, serving, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "scale-ha test bed sidecar-injector CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, serving, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, serving, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, serving, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		return nil, serving, err
	}
	serving = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), serving, nil
}

// writeFile writes atomically so a reader never sees a half-written CA or port.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (port 0 picks a free port)")
	caFile := flag.String("ca-file", "", "write the generated CA certificate (PEM) here (required)")
	portFile := flag.String("port-file", "", "write the port actually listened on here")
	configFile := flag.String("config", "", "JSON file shaped like the chart's `config` values (sidecar.containers.*, sidecar.initContainers.*, injectionStrategy)")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	if *caFile == "" {
		log.Fatal("-ca-file is required")
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil || !strings.HasPrefix(host, "127.") {
		log.Fatalf("-addr %q: must be a loopback host:port", *addr)
	}
	cfg, err := loadConfig(*configFile)
	if err != nil {
		log.Fatal(err)
	}
	caPEM, cert, err := newCerts()
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := writeFile(*caFile, caPEM); err != nil {
		log.Fatal(err)
	}
	if *portFile != "" {
		if err := writeFile(*portFile, []byte(strconv.Itoa(port)+"\n")); err != nil {
			log.Fatal(err)
		}
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/mutate", handleMutate(cfg))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	srv := &http.Server{
		Handler:           mux,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Printf("serving on https://127.0.0.1:%d/mutate (schema default %q)", port, cfg.InjectionStrategy.Schema)
	if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
