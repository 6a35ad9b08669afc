"""What every written page gets besides its text: navigation, the language switcher,
translation notices, the status page, the 404 page, descriptions and social tags,
reading aids (citable paragraphs, ready citations, parallel text).
"""
