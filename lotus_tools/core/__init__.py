"""The core of the L.O.T.U.S. toolkit site: what runs in the reader's browser (Pyodide) and on the CPU.

Standard library only, and never imports ``lotus_tools.publish``: this whole
package is zipped into the site for the calculator's Web Worker.
"""
