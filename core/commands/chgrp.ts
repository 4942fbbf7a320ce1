// chgrp [-RhLHPcvf] GROUP FILE… — BusyBox coreutils/chgrp.c runs chown with ":GROUP"; GNU
// coreutils chgrp.c shares chown-core.c ("changing group of 'FILE'"). See chown.ts.

import { CHGRP_USAGE, chownMain } from "./chown.js";
import type { Command } from "./types.js";

export const chgrp: Command = { name: "chgrp", main: (ctx) => chownMain(ctx, true), usage: CHGRP_USAGE };
