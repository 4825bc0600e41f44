"""Excel in and out, in the district's own terms: an app of its own because reading any
register layout (header detection, column mapping, preview, confirm, undo) and the weekly sheet
have models, a worker task and pages of their own, and sit on top of the register (projects).

- ``format``: the app's own register layout (sheet names, headers, labels): fixed, never
  translated, so a workbook written today imports after the .po files change.
- ``guard``: an upload is checked before it is parsed (size, zip bomb, dimensions, rows).
- ``grid`` / ``formulas``: a sheet read into plain values (.xlsx and .xls), merges, formulas.
- ``fields`` / ``layout`` / ``values`` / ``fill``: what a column means, where the header is,
  what a cell says, and the stated rules that fill what the workbook does not have.
- ``preview`` reads and compares (writes nothing); ``save`` confirms and undoes.
- ``export`` / ``template`` / ``weekly``: the workbooks the app writes (register, blank
  template, this week's sheet), every person-typed text through ``config.xlsx``.
"""
