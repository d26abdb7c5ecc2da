{{/* The image, always by version tag. */}}
{{- define "akosha.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Labels of one component; `app` keeps the deployment guide's kubectl selectors working. */}}
{{- define "akosha.labels" -}}
app: akosha-{{ .component }}
app.kubernetes.io/name: akosha
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: akosha
{{- end }}

{{- define "akosha.selector" -}}
app.kubernetes.io/name: akosha
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Pod-level security: non-root, RuntimeDefault seccomp (the restricted Pod Security Standard). */}}
{{- define "akosha.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ .user | default 1000 }}
  runAsGroup: {{ .user | default 1000 }}
  fsGroup: {{ .user | default 1000 }}
  seccompProfile: { type: RuntimeDefault }
automountServiceAccountToken: false
{{- end }}

{{- define "akosha.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  capabilities: { drop: [ALL] }
{{- end }}

{{/* Probes of every Akosha server pod: started when /health answers, ready when /ready does. */}}
{{- define "akosha.probes" -}}
startupProbe:
  httpGet: { path: /health, port: http }
  periodSeconds: 5
  failureThreshold: {{ .startupFailures | default 60 }}
livenessProbe:
  httpGet: { path: /health, port: http }
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /ready, port: http }
  periodSeconds: 5
  failureThreshold: 2
{{- end }}

{{- define "akosha.secretEnv" -}}
- name: {{ .name }}
  valueFrom: { secretKeyRef: { name: {{ .secret }}, key: {{ .key }}{{ if .optional }}, optional: true{{ end }} } }
{{- end }}

{{/* What every server pod (api and store) reads: the ConfigMap, Redis, the service token, auth. */}}
{{- define "akosha.commonEnv" -}}
- { name: AKOSHA_HOST, value: 0.0.0.0 }
- name: AKOSHA_REDIS_HOST
  value: {{ if .Values.redis.enabled }}akosha-redis{{ else }}{{ required "redis.externalHost is needed when redis.enabled is false" .Values.redis.externalHost }}{{ end }}
- { name: AKOSHA_REDIS_PORT, value: {{ if .Values.redis.enabled }}"6379"{{ else }}{{ .Values.redis.externalPort | quote }}{{ end }} }
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_REDIS_PASSWORD" "secret" .Values.secrets.redis "key" "redis-password") }}
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_SERVICE_TOKEN" "secret" .Values.secrets.serviceToken "key" "token") }}
{{- end }}

{{- define "akosha.storageEnv" -}}
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_S3_BUCKET" "secret" .Values.secrets.storage "key" "bucket") }}
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_S3_ENDPOINT" "secret" .Values.secrets.storage "key" "endpoint") }}
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_S3_REGION" "secret" .Values.secrets.storage "key" "region") }}
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_S3_ACCESS_KEY_ID" "secret" .Values.secrets.storage "key" "access-key-id") }}
{{ include "akosha.secretEnv" (dict "name" "AKOSHA_S3_SECRET_ACCESS_KEY" "secret" .Values.secrets.storage "key" "secret-access-key") }}
{{- end }}

{{/* The store URLs an api pod calls, in ordinal order (the StatefulSet's stable pod names). */}}
{{- define "akosha.storeUrls" -}}
{{- $urls := list }}
{{- range $i := until (int .Values.store.replicas) }}
{{- $urls = append $urls (printf "http://akosha-store-%d.akosha-store.%s.svc:8000" $i $.Release.Namespace) }}
{{- end }}
{{- join "," $urls }}
{{- end }}

{{/* Prometheus's pods, in their namespace: the only scraper admitted. */}}
{{- define "akosha.prometheusPeer" -}}
- namespaceSelector:
    matchLabels: { kubernetes.io/metadata.name: {{ .Values.network.prometheusNamespace }} }
  podSelector:
    matchLabels:
      {{- toYaml .Values.network.prometheusPodLabels | nindent 6 }}
{{- end }}
