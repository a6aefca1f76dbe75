{{/* The release's prefix for every object. */}}
{{- define "meterline.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The services, in the order they are rendered: values key, image name, and the Quarkus application name. */}}
{{- define "meterline.services" -}}
metering: metering-service
pricing: pricing-service
billing: billing-service
projection: projection-service
gateway: admin-gateway
{{- end -}}

{{- define "meterline.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: meterline
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels of the release's objects that belong to no one service (the Ingress, the Strimzi resources). */}}
{{- define "meterline.labels" -}}
{{ include "meterline.commonLabels" . }}
app.kubernetes.io/name: meterline
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one service: call with (dict "root" $ "name" "metering"). */}}
{{- define "meterline.selector" -}}
app.kubernetes.io/name: meterline
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "meterline.componentLabels" -}}
{{ include "meterline.commonLabels" .root }}
{{ include "meterline.selector" . }}
{{- end -}}

{{- define "meterline.serviceName" -}}
{{- printf "%s-%s" (include "meterline.fullname" .root) .name -}}
{{- end -}}

{{/* The image of one service: its own repository and tag when set, else the chart's. */}}
{{- define "meterline.image" -}}
{{- $values := index .root.Values .name -}}
{{- $image := $values.image | default dict -}}
{{- $services := include "meterline.services" .root | fromYaml -}}
{{- $repository := $image.repository | default (printf "%s/%s/%s" .root.Values.image.registry .root.Values.image.repository (index $services .name)) -}}
{{- $tag := $image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if eq (toString $tag) "latest" -}}
{{- fail (printf "%s: the image tag \"latest\" is refused; name the version a rollout runs" .name) -}}
{{- end -}}
{{- printf "%s:%s%s" $repository (toString $tag) (ternary "-native" "" (eq .root.Values.image.variant "native")) -}}
{{- end -}}

{{- define "meterline.kafkaBootstrap" -}}
{{- if .Values.strimzi.cluster.create -}}
{{- printf "%s-kafka-bootstrap:9092" .Values.strimzi.cluster.name -}}
{{- else if .Values.kafka.bootstrapServers -}}
{{- .Values.kafka.bootstrapServers -}}
{{- else -}}
{{- fail "kafka.bootstrapServers is required (or strimzi.cluster.create: true)" -}}
{{- end -}}
{{- end -}}

{{/* The database host of one service: CloudNativePG's read-write Service of its own cluster, or postgresql.host. */}}
{{- define "meterline.dbHost" -}}
{{- if .root.Values.cloudnativepg.enabled -}}
{{- printf "%s-db-rw" (include "meterline.serviceName" .) -}}
{{- else if .root.Values.postgresql.host -}}
{{- .root.Values.postgresql.host -}}
{{- else -}}
{{- fail "postgresql.host is required (or cloudnativepg.enabled: true)" -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding one service's database credentials. */}}
{{- define "meterline.dbSecret" -}}
{{- $values := index .root.Values .name -}}
{{- if .root.Values.cloudnativepg.enabled -}}
{{- printf "%s-db-app" (include "meterline.serviceName" .) -}}
{{- else -}}
{{- $values.database.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "meterline.serviceMonitorEnabled" -}}
{{- $setting := toString .Values.metrics.serviceMonitor.enabled -}}
{{- if or (eq $setting "true") (and (eq $setting "auto") (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor")) -}}
true
{{- end -}}
{{- end -}}
