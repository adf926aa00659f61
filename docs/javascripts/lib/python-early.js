// The calculator needs Python for its first score, so its page starts Python while the page is still
// being read (this script is loaded "async" just after the page contract), not after the theme's own
// start-up. lib/python.js keeps one worker for the tab: the calculator component, mounted later, finds
// this one and hands it the blank templates to hold.

import { readContract } from "./contract.js";
import { python } from "./python.js";

const contract = readContract();
if (contract?.calculator) python(contract);
