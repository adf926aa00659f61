// The calculator needs Python for its first score, so its page starts Python while the page is still
// being read (this script is loaded "async" just after the page contract), not after the theme's own
// start-up. python.js keeps one worker for the tab: calculator.js, run later, finds this one and hands
// it the blank templates to hold.

import { readContract } from "./contract.js";
import { python } from "./python.js";

const contract = readContract();
if (contract && contract.calculator) python(contract);
