"""The commands: one module each, between the command line and the pipeline.

``cli`` parses the arguments and calls ``run(args)`` of the command's module, imported only
when that command runs (``sectorial --help`` imports none of them).
"""

COMMANDS = {
    "build": "sectorial.app.build",
    "check": "sectorial.app.check",
    "send": "sectorial.app.send",
    "archive": "sectorial.app.archive",
    "schema": "sectorial.app.schema",
    "init": "sectorial.app.init",
    "preview": "sectorial.app.preview",
    "estilo": "sectorial.app.style",
    "completion": "sectorial.app.completion",
}
