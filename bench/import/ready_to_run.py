#!/usr/bin/env python3
"""Exits 1 naming each given assembly that is plain IL rather than ReadyToRun (compiled ahead of time).

The import benchmark measures what ships, and start-up is a large share of a re-import: a publish that silently lost
its ReadyToRun code would measure the JIT instead. An assembly is ReadyToRun when its CLI header points at a
ManagedNativeHeader (ECMA-335 II.25.3.3, offset 64 of the header).

    bench/import/ready_to_run.py ASSEMBLY...
"""
import struct, sys


def is_ready_to_run(path):
    with open(path, "rb") as f:
        data = f.read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    sections, optional_size = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    directories = optional + (112 if struct.unpack_from("<H", data, optional)[0] == 0x20B else 96)
    cli_rva = struct.unpack_from("<I", data, directories + 14 * 8)[0]  # data directory 14: the CLI header
    for index in range(sections):
        section = optional + optional_size + index * 40
        size, address, _, raw = struct.unpack_from("<IIII", data, section + 8)
        if address <= cli_rva < address + size:
            return struct.unpack_from("<I", data, cli_rva - address + raw + 64)[0] != 0
    return False


plain = [path for path in sys.argv[1:] if not is_ready_to_run(path)]
for path in plain:
    print(f"error: {path} is not ReadyToRun", file=sys.stderr)
sys.exit(1 if plain or len(sys.argv) < 2 else 0)
