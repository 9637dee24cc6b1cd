// @pixport/marketplace: one connector per marketplace behind one interface, and their sandboxes.
export {};
