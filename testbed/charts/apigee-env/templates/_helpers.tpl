{{/* Object names as the Apigee tooling encodes them: <org[:15]>-<env[:15]>-<sha256("org:env")[:7]>. */}}
{{- define "apigee-env.orgName" -}}
{{- printf "%s-%s" (trunc 15 .Values.org) (sha256sum .Values.org | trunc 7) }}
{{- end }}

{{- define "apigee-env.envName" -}}
{{- printf "%s-%s-%s" (trunc 15 .Values.org) (trunc 15 .Values.env) (sha256sum (printf "%s:%s" .Values.org .Values.env) | trunc 7) }}
{{- end }}

{{/* envs[name=env].components.<component>.<key>, else the root <component>.<key>: a missing or 0 per-env value falls back. */}}
{{- define "apigee-env.replicaCount" -}}
{{- $root := get (get .root.Values .component) .key }}
{{- $value := $root }}
{{- range .root.Values.envs }}
{{- if eq (toString .name) (toString $.root.Values.env) }}
{{- $override := get (get (default dict .components) $.component | default dict) $.key }}
{{- if $override }}{{ $value = $override }}{{ end }}
{{- end }}
{{- end }}
{{- int $value }}
{{- end }}

{{/* One direction of runtime.hpaBehavior (percent/pods) as an autoscaling/v2 HPAScalingRules. */}}
{{- define "apigee-env.scalingRules" -}}
stabilizationWindowSeconds: {{ int .stabilizationWindowSeconds }}
selectPolicy: {{ .selectPolicy }}
policies:
- type: Percent
  value: {{ int .percent.value }}
  periodSeconds: {{ int .percent.periodSeconds }}
- type: Pods
  value: {{ int .pods.value }}
  periodSeconds: {{ int .pods.periodSeconds }}
{{- end }}

{{- define "apigee-env.cpuMetric" -}}
- type: Resource
  resource:
    name: cpu
    target:
      type: Utilization
      averageUtilization: {{ int . }}
{{- end }}
