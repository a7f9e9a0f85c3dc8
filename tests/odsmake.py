#!/usr/bin/python3
"""odsmake.py: a helper of t3145-import-ods.sh: an OpenDocument spreadsheet
(.ods) shaped as LibreOffice Calc writes one, its content.xml's
automatic styles and body read from standard input:

    odsmake.py [--raw | --flat] [--styles FILE] OUT <BODY

The zip holds what LibreOffice's does, in its order: "mimetype" first and
stored (not compressed), content.xml, styles.xml, meta.xml,
META-INF/manifest.xml.  --raw: standard input is the whole content.xml.
--flat: a flat spreadsheet (.fods) as LibreOffice saves one, one XML
file: office:document with its mimetype, then its meta, styles, the
automatic styles and body given.  --styles FILE: FILE's text is put
in office:styles (styles.xml's, or the flat file's) after the "Default"
cell style: the common styles, those a user named, and their number
styles, which LibreOffice keeps there and not in content.xml.
"""
import sys
import zipfile

NS = " ".join('xmlns:%s="%s"' % p for p in (
    ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
    ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
    ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
    ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
    ("draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
    ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ("xlink", "http://www.w3.org/1999/xlink"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
    ("number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
    ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ("of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
    ("calcext", "urn:org:documentfoundation:names:experimental:calc:"
     "xmlns:calcext:1.0"),
    ("loext", "urn:org:documentfoundation:names:experimental:office:"
     "xmlns:loext:1.0")))
MIME = "application/vnd.oasis.opendocument.spreadsheet"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def main():
    args = sys.argv[1:]
    raw = args[:1] == ["--raw"]
    flat = args[:1] == ["--flat"]
    if raw or flat:
        args = args[1:]
    common = ""
    if args[:1] == ["--styles"] and len(args) > 1:
        with open(args[1], encoding="utf-8") as f:
            common = f.read()
        args = args[2:]
    if len(args) != 1:
        sys.exit("usage: odsmake.py [--raw | --flat] [--styles FILE] OUT "
                 "<BODY")
    body = sys.stdin.read()
    if flat:
        with open(args[0], "w", encoding="utf-8") as f:
            f.write(HEAD + "\n<office:document " + NS +
                    ' office:version="1.3" office:mimetype="' + MIME +
                    '"><office:meta><meta:generator>LibreOffice/7.6.4.1'
                    "$Linux_X86_64 LibreOffice_project</meta:generator>"
                    "</office:meta><office:settings/><office:scripts/>"
                    '<office:styles><style:style style:name="Default" '
                    'style:family="table-cell"/>' + common +
                    "</office:styles>\n" +
                    body + "\n</office:document>\n")
        return
    content = body if raw else (
        HEAD + "<office:document-content " + NS +
        ' office:version="1.3"><office:scripts/>' + body +
        "</office:document-content>")
    with zipfile.ZipFile(args[0], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), MIME,
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", HEAD + "<office:document-styles " + NS +
                   ' office:version="1.3"><office:styles>'
                   '<style:style style:name="Default" '
                   'style:family="table-cell"/>' + common +
                   "</office:styles></office:document-styles>")
        z.writestr("meta.xml", HEAD + "<office:document-meta " + NS +
                   ' office:version="1.3"><office:meta><meta:generator>'
                   "LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project"
                   "</meta:generator></office:meta>"
                   "</office:document-meta>")
        z.writestr("META-INF/manifest.xml", HEAD +
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                   'opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                   '<manifest:file-entry manifest:full-path="/" '
                   'manifest:version="1.3" manifest:media-type="' + MIME +
                   '"/><manifest:file-entry manifest:full-path="content.xml"'
                   ' manifest:media-type="text/xml"/><manifest:file-entry '
                   'manifest:full-path="styles.xml" manifest:media-type='
                   '"text/xml"/><manifest:file-entry manifest:full-path='
                   '"meta.xml" manifest:media-type="text/xml"/>'
                   "</manifest:manifest>")


main()
