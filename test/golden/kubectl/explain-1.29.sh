# kubectl explain pod.spec.securityContext (with its fields' descriptions, and --recursive), two
# of its fields, and explain's errors; 1.29 profile. kubectl 1.29 prints one blank line after FIELD: and no enum lines; Kubernetes 1.29 has no appArmorProfile, supplementalGroupsPolicy or seLinuxChangePolicy and the older supplementalGroups text.
# scenario: security-context
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 200
# source: kubectl v0.29.15 pkg/explain/v2/templates/plaintext.tmpl (KIND/VERSION header, FIELD line, DESCRIPTION = field description then type description each + newline, wrap 76 + indent 4, fields sorted by name from the map, fieldDetail "name<TAB><type>[ -required-]" and description wrap (78-2*level) indent (2*level+2), typeGuess, the final newline) and pkg/explain/v2/funcs.go (wrap = kubectl/pkg/util/term NewWordWrapWriter = mitchellh/go-wordwrap v1.0.1 WrapString, which keeps double spaces; indent).
# source: descriptions are kube-openapi generateDescription() of the Go comments in k8s.io/api v0.29.15 core/v1/types.go, with "Possible enum values:" paragraphs for +enum types (kube-openapi pkg/generators/enum.go), computed from the source and matched against the published OpenAPI text (the generated clients found by find_string carry the same fsGroupChangePolicy text).
# source: errors: explain.go Validate ("You must specify the type of resource to explain. …", plain error), the RESTMapper's NoResourceMatchError which cmdutil.CheckErr prints without "error: ", and the template's throw "error: field \"%v\" does not exist" after KIND/VERSION were written (explain/v2/explain.go unwraps explainError).
kubectl explain pod.spec.securityContext
kubectl explain pod.spec.securityContext --recursive
kubectl explain pod.spec.securityContext.runAsUser
kubectl explain pod.spec.securityContext.fsGroupChangePolicy
kubectl explain pod.spec.securityContext.nothing
kubectl explain foo
kubectl explain
