# kubectl version (short form, --client, the removed --short, -o json|yaml and their errors),
# namespaces, nodes, describe namespace and kubectl config; 1.29 profile.
# scenario: security-context
# start: 2026-11-27T09:00:00Z
# think: 3
# cols: 240
# source: kubectl v0.29.15 pkg/cmd/version/version.go (no --short since 1.28; Validate: "extra arguments: [...]", "--output must be 'yaml' or 'json'"; json.MarshalIndent two spaces in struct order, yaml sorted keys, both through Fprintln so yaml ends with a blank line) and apimachinery v0.29.15 pkg/version/types.go Info (1.33+ servers add emulationMajor/Minor and minCompatibilityMajor/Minor, kubectl's own Info leaves them empty).
# source: get ns / get nodes columns from kubernetes pkg/printers/internalversion/printers.go (printNamespace; printNode: Ready, roles from node-role.kubernetes.io/* labels, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME); kubeadm's control-plane node labels; describe namespace from kubectl v0.29.15 pkg/describe/describe.go describeNamespace ("No resource quota.", "No LimitRange resource.").
# source: unknown commands: cobra command.go findSuggestions()/SuggestionsFor() (Levenshtein <= 2 or prefix, commands by name) wrapped by kubectl's cmdutil.CheckErr ("error: " + message, no usage line); `kubectl help` prints the root help.
# source: kubectl v0.29.15 pkg/cmd/config/{current_context.go,get_contexts.go (tabwriter, "*" current),view.go (DATA+OMITTED),set_context.go ("Context \"x\" modified.")} and pkg/cmd/util/helpers.go DefaultSubCommandRun/RequireNoArguments (unknown config subcommand is a usage error).
kubectl version
kubectl version --client
kubectl version --short
kubectl version -o json
kubectl version -o yaml
kubectl version -o wide
kubectl version extra
kubectl get ns
kubectl get ns --show-labels
kubectl get namespace default -o yaml
kubectl get nodes
kubectl get nodes -o wide
kubectl get nodes --show-labels
kubectl get node node01 -o name
kubectl describe ns default
kubectl config current-context
kubectl config get-contexts
kubectl config view
kubectl config set-context --current --namespace=kube-public
kubectl config get-contexts
kubectl get pods
kubectl config set-context --current --namespace=default
kubectl config frobnicate
kubectl gett
kubectl frob
