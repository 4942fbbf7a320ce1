// Field paths as apimachinery prints them (pkg/util/validation/field/path.go):
// spec.containers[0].securityContext.runAsUser, metadata.labels[app].

export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly name: string,
    private readonly subscript: string | undefined,
  ) {}

  static root(name: string): FieldPath {
    return new FieldPath(undefined, name, undefined);
  }

  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, name, undefined);
    for (const m of more) p = p.child(m);
    return p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, "", String(i));
  }

  key(k: string): FieldPath {
    return new FieldPath(this, "", k);
  }

  toString(): string {
    const parts: string[] = [];
    for (let p: FieldPath | undefined = this; p !== undefined; p = p.parent) {
      if (p.subscript !== undefined) parts.unshift(`[${p.subscript}]`);
      else parts.unshift(p.parent === undefined ? p.name : `.${p.name}`);
    }
    return parts.join("");
  }
}
