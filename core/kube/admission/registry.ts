// Every Pod Security check, one line each (policy/check_*.go register themselves with addCheck;
// podlab lists them literally). The order here does not matter: the evaluator runs baseline IDs
// sorted, then restricted IDs sorted (evaluator.ts).

import type { Check } from "./check.js";
import { checkAllowPrivilegeEscalation } from "./check-allow-privilege-escalation.js";
import { checkAppArmorProfile } from "./check-app-armor-profile.js";
import { checkCapabilitiesBaseline } from "./check-capabilities-baseline.js";
import { checkCapabilitiesRestricted } from "./check-capabilities-restricted.js";
import { checkHostNamespaces } from "./check-host-namespaces.js";
import { checkHostPathVolumes } from "./check-host-path-volumes.js";
import { checkHostPorts } from "./check-host-ports.js";
import { checkHostProbesAndHostLifecycle } from "./check-host-probes-and-host-lifecycle.js";
import { checkPrivileged } from "./check-privileged.js";
import { checkProcMount } from "./check-proc-mount.js";
import { checkProcMountRestricted } from "./check-proc-mount-restricted.js";
import { checkRestrictedVolumes } from "./check-restricted-volumes.js";
import { checkRunAsNonRoot } from "./check-run-as-non-root.js";
import { checkRunAsUser } from "./check-run-as-user.js";
import { checkSELinuxOptions } from "./check-selinux-options.js";
import { checkSeccompProfileBaseline } from "./check-seccomp-profile-baseline.js";
import { checkSeccompProfileRestricted } from "./check-seccomp-profile-restricted.js";
import { checkSysctls } from "./check-sysctls.js";
import { checkWindowsHostProcess } from "./check-windows-host-process.js";

export const DEFAULT_CHECKS: readonly Check[] = [
  // baseline
  checkAppArmorProfile,
  checkCapabilitiesBaseline,
  checkHostNamespaces,
  checkHostPathVolumes,
  checkHostPorts,
  checkHostProbesAndHostLifecycle,
  checkPrivileged,
  checkProcMount,
  checkSELinuxOptions,
  checkSeccompProfileBaseline,
  checkSysctls,
  checkWindowsHostProcess,
  // restricted
  checkAllowPrivilegeEscalation,
  checkCapabilitiesRestricted,
  checkProcMountRestricted,
  checkRestrictedVolumes,
  checkRunAsNonRoot,
  checkRunAsUser,
  checkSeccompProfileRestricted,
];
