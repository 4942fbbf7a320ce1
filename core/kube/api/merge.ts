// kubectl apply's three-way merge (k8s.io/apimachinery strategicpatch CreateThreeWayMergePatch
// followed by the apiserver applying it to the live object), computed directly as its result:
// - a field the manifest sets takes the manifest's value;
// - a field the last applied configuration set and the manifest no longer does is removed;
// - everything else keeps the live value (defaults, server-set fields, other writers' changes);
// - lists with a patch merge key (containers by name, volumeMounts by mountPath, …) merge
//   element by element in the manifest's order, keeping live elements nobody applied (the
//   service-account token volume and its mounts); other lists are replaced when they changed.

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `patchMergeKey` tags of core/v1 (types.go) for the lists podlab's pods carry. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name", initContainers: "name", ephemeralContainers: "name", volumes: "name", env: "name",
  volumeMounts: "mountPath", volumeDevices: "devicePath", ports: "containerPort", imagePullSecrets: "name",
  hostAliases: "ip", readinessGates: "conditionType", schedulingGates: "name", resourceClaims: "name",
};

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mergeValue(field: string, last: Json, desired: Json, live: Json): Json {
  if (isObj(desired) && isObj(live)) return mergeObject(isObj(last) ? last : undefined, desired, live);
  const key = MERGE_KEYS[field];
  if (key !== undefined && Array.isArray(desired) && Array.isArray(live)) {
    return mergeList(key, Array.isArray(last) ? last : [], desired, live);
  }
  // Unchanged since the last apply: someone else's live value wins.
  if (last !== undefined && sameJson(last, desired) && live !== undefined) return live;
  return desired;
}

function mergeObject(last: Obj | undefined, desired: Obj, live: Obj): Obj {
  const out: Obj = { ...live };
  for (const [k, v] of Object.entries(desired)) out[k] = mergeValue(k, last?.[k], v, live[k]);
  for (const k of Object.keys(last ?? {})) if (!(k in desired)) delete out[k];
  return out;
}

function mergeList(key: string, last: Json[], desired: Json[], live: Json[]): Json[] {
  const keyOf = (e: Json) => (isObj(e) ? JSON.stringify(e[key]) : undefined);
  const find = (list: Json[], k: string | undefined) => list.find((e) => keyOf(e) === k);
  const wanted = new Set(desired.map(keyOf));
  const applied = new Set(last.map(keyOf));
  const out = desired.map((d) => {
    const l = find(live, keyOf(d));
    return l === undefined ? d : mergeValue("", find(last, keyOf(d)), d, l);
  });
  // Live elements the manifest never had (added by the server or other writers) stay, after.
  for (const l of live) if (!wanted.has(keyOf(l)) && !applied.has(keyOf(l))) out.push(l);
  return out;
}

/** The object kubectl apply leaves: `live` patched from `lastApplied` to `desired`. */
export function threeWayMerge<T>(lastApplied: Json, desired: T, live: T): T {
  return mergeObject(isObj(lastApplied) ? lastApplied : undefined, desired as Obj, live as Obj) as T;
}
