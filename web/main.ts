// The learner page's entry point: `/` lists the scenarios, `/scenarios/:id` opens one.

import "./styles.css";
import { showLanding } from "./landing.js";
import { Lab } from "./lab.js";
import * as prefs from "./prefs.js";

document.documentElement.dataset.theme = prefs.theme();
const root = document.getElementById("app")!;
const m = /^\/scenarios\/([a-z0-9][a-z0-9.-]*)\/?$/.exec(location.pathname);
if (m !== null) void new Lab(root, m[1]!).start();
else void showLanding(root);
