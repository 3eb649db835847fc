"""The built-in output formats, one module each; the registry imports every module found here."""
