// Key-account master data at the city node: the enterprise customer file, its lifecycle, and
// the read-only view provinces keep of their cities' customers.
export {};
