"""The package's files beyond pyproject.toml: the house styles live in ``templates/`` (where a
designer looks for them) and ship inside the wheel as ``sectorial/templates``, with their fonts,
so that ``pip install sectorial`` alone builds a brief; ``sectorial/starter`` is the project
``sectorial init`` writes. pyproject.toml cannot map a folder outside the package; setup.py can.
Their folders are data packages: every file in them ships."""

from setuptools import find_namespace_packages, find_packages, setup

STYLES = ["sectorial.templates",
          *(f"sectorial.templates.{name}" for name in find_namespace_packages(where="templates"))]
STARTER = [f"sectorial.{name}" for name in
           find_namespace_packages(where="sectorial", include=["starter", "starter.*"])]

setup(
    packages=[*find_packages(include=["sectorial", "sectorial.*"]), *STYLES, *STARTER],
    package_dir={"sectorial.templates": "templates"},
    package_data={name: ["*"] for name in (*STYLES, *STARTER)},
    exclude_package_data={"": ["*.pyc"]},
)
