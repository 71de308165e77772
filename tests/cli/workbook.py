"""An xlsx workbook's XML as a spreadsheet reads it, for the tests of the
workbooks carnet writes (report --format xlsx, export --format xlsx): its
sheets' names, and each sheet's rows as {column: (type, value, number
format)}. Strings may be shared or inline (a workbook written in constant
memory)."""
import re, zipfile
class Workbook:
    def __init__(self, path):
        self.z = z = zipfile.ZipFile(path)
        self.sheets = re.findall(r'<sheet name="([^"]+)"', z.read('xl/workbook.xml').decode())
        self.strings = []
        if 'xl/sharedStrings.xml' in z.namelist():
            self.strings = [re.sub(r'<[^>]+>', '', s) for s in
                            re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
        styles = z.read('xl/styles.xml').decode()
        self.fmts = {m[0]: m[1].replace('&quot;', '"')
                     for m in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
        self.xfs = re.findall(r'<xf [^>]*numFmtId="(\d+)"', styles.split('<cellXfs')[1])
    def rows(self, i):
        """the rows of sheet i (1-based) and its XML"""
        xml = self.z.read(f'xl/worksheets/sheet{i}.xml').decode()
        out = []
        for r in re.findall(r'<row [^>]*>(.*?)</row>', xml, re.S):
            cells = {}
            for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', r, re.S):
                t = re.search(r't="(\w+)"', attrs)
                s = re.search(r's="(\d+)"', attrs)
                v = re.search(r'<v>([^<]*)</v>', body or '')
                kind = t.group(1) if t else 'n'
                if kind == 's' and v:
                    val = self.strings[int(v.group(1))]
                elif kind == 'inlineStr':
                    val = re.sub(r'<[^>]+>', '', body or '')
                else:
                    val = v.group(1) if v else ''
                fmt = self.fmts.get(self.xfs[int(s.group(1))], 'general') if s else 'general'
                cells[ref] = (kind, val, fmt)
            out.append(cells)
        return out, xml
