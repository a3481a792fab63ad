from sectorial.cli import entry

if __name__ == "__main__":  # not again in a spawned worker
    raise SystemExit(entry())
