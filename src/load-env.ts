import dotenv from "dotenv";

// quiet: dotenv ≥ 17 prints a banner on stdout, which would break the CLI's JSON-only stdout.
dotenv.config({ quiet: true });
