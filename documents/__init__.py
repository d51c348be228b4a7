"""Documents made from a profile: the German CV as data (`cv`), as a tabular Lebenslauf PDF
(`lebenslauf_pdf`, also anonymised) and as JSON Resume (`json_resume`)."""
