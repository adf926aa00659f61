"""Build time only: MkDocs hooks, HTML rendering, .docx/.odt documents, hosting, the Pyodide runtime.

Nothing here reaches the reader's browser except what it writes into the site.
"""
