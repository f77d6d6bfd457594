#!/usr/bin/env python3
"""Open a .docx in LibreOffice headless, refresh its indexes and fields, export it as PDF.

A table of contents written by the docx library has no page numbers until a word processor
updates it; LibreOffice's plain --convert-to does not. This script drives LibreOffice over UNO:
load (hidden), give the Heading N styles outline levels where they have none, update every document index twice (the first update may move pages), refresh the
text fields, store with writer_pdf_Export.

Usage: refresh-and-export.py SOFFICE IN.docx OUT.pdf PROFILE_URL
  SOFFICE      the soffice binary
  PROFILE_URL  a private user profile (file:///…) so parallel runs do not collide

Run it with a Python that has the uno module (Debian: /usr/bin/python3 with python3-uno).
Exit status: 0 done, 2 usage, 3 LibreOffice did not start, 4 load failed, 5 export failed.
Called by src/reports/pdf.ts, which also enforces a timeout and cleans up.
"""

import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 90


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def file_url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def start_office(soffice, profile_url, pipe):
    args = [
        soffice,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        "-env:UserInstallation=" + profile_url,
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
    ]
    devnull = subprocess.DEVNULL
    return subprocess.Popen(args, stdin=devnull, stdout=devnull, stderr=devnull)


def connect(pipe, office):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(url)
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                return None
            time.sleep(0.1)


def heading_outline_levels(doc):
    """Word builds a TOC \\o from the built-in Heading N styles by name; LibreOffice from outline
    levels. A docx whose heading styles carry no outline level (the docx library's defaults) would
    get an empty TOC after the update, so give Heading N the level N when it has none."""
    styles = doc.getStyleFamilies().getByName("ParagraphStyles")
    for n in range(1, 10):
        name = "Heading %d" % n
        if styles.hasByName(name):
            style = styles.getByName(name)
            if style.OutlineLevel == 0:
                style.OutlineLevel = n


def refresh(doc):
    heading_outline_levels(doc)
    indexes = doc.getDocumentIndexes()
    for _ in range(2):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()


def convert(desktop, src, dst):
    hidden = (prop("Hidden", True), prop("ReadOnly", False))
    try:
        doc = desktop.loadComponentFromURL(file_url(src), "_blank", 0, hidden)
    except Exception as e:  # noqa: BLE001 - any UNO failure is reported the same way
        print("load failed: %s" % e, file=sys.stderr)
        return 4
    if doc is None:
        print("load failed: no document", file=sys.stderr)
        return 4
    try:
        refresh(doc)
        doc.storeToURL(file_url(dst), (prop("FilterName", "writer_pdf_Export"),))
        return 0
    except Exception as e:  # noqa: BLE001
        print("export failed: %s" % e, file=sys.stderr)
        return 5
    finally:
        try:
            doc.close(True)
        except Exception:  # noqa: BLE001
            pass


def stop_office(desktop, office):
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:  # noqa: BLE001 - the bridge drops while LibreOffice exits
        pass
    try:
        office.wait(timeout=15)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    soffice, src, dst, profile_url = argv[1:]
    pipe = "jixiao-" + uuid.uuid4().hex
    office = start_office(soffice, profile_url, pipe)
    desktop = None
    try:
        ctx = connect(pipe, office)
        if ctx is None:
            print("LibreOffice did not start (%s)" % soffice, file=sys.stderr)
            return 3
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        return convert(desktop, src, dst)
    finally:
        stop_office(desktop, office)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
