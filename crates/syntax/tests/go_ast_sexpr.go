// Renders Go's own parse (go/ast) of each file named on standard input, one path per
// line, in the S-expression form of tests/common/mod.rs, for go_suite.rs to compare
// with this crate's parse. Constant specs are printed with Go's implicit repetition
// applied, as this crate's AST records it. Run as `go run go_ast_sexpr.go < paths`.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
)

func main() {
	paths := bufio.NewScanner(os.Stdin)
	for paths.Scan() {
		path := paths.Text()
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			fmt.Printf("=== %s\nERROR\n", path)
			continue
		}
		fmt.Printf("=== %s\n%s", path, file(f))
	}
}

func file(f *ast.File) string {
	var b strings.Builder
	fmt.Fprintf(&b, "(package %s)\n", f.Name.Name)
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			for _, s := range g.Specs {
				is := s.(*ast.ImportSpec)
				name := "_"
				if is.Name != nil {
					name = is.Name.Name
				}
				p, _ := strconv.Unquote(is.Path.Value)
				fmt.Fprintf(&b, "(import %s %q)\n", name, p)
			}
		}
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		b.WriteString(decl(d))
		b.WriteString("\n")
	}
	return b.String()
}

func decl(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		recv := "_"
		if d.Recv != nil {
			recv = params(d.Recv)
		}
		body := "_"
		if d.Body != nil {
			body = block(d.Body)
		}
		return fmt.Sprintf("(func %s %s %s %s)", d.Name.Name, recv, functype(d.Type), body)
	case *ast.GenDecl:
		var specs []string
		switch d.Tok {
		case token.VAR:
			for _, s := range d.Specs {
				vs := s.(*ast.ValueSpec)
				specs = append(specs, fmt.Sprintf("(spec %s %s %s)", idents(vs.Names), opt(vs.Type), exprs(vs.Values)))
			}
			return "(var " + strings.Join(specs, " ") + ")"
		case token.CONST:
			var lastType ast.Expr
			var lastValues []ast.Expr
			for i, s := range d.Specs {
				vs := s.(*ast.ValueSpec)
				implicit := ""
				typ, values := vs.Type, vs.Values
				if typ == nil && len(values) == 0 && i > 0 {
					typ, values, implicit = lastType, lastValues, " implicit"
				} else if len(values) > 0 {
					lastType, lastValues = typ, values
				}
				specs = append(specs, fmt.Sprintf("(spec %s %s %s %d%s)", idents(vs.Names), opt(typ), exprs(values), i, implicit))
			}
			return "(const " + strings.Join(specs, " ") + ")"
		case token.TYPE:
			for _, s := range d.Specs {
				ts := s.(*ast.TypeSpec)
				alias := ""
				if ts.Assign.IsValid() {
					alias = " ="
				}
				specs = append(specs, fmt.Sprintf("(spec %s%s %s)", ts.Name.Name, alias, expr(ts.Type)))
			}
			return "(type " + strings.Join(specs, " ") + ")"
		}
	}
	return "?DECL"
}

func idents(list []*ast.Ident) string {
	var s []string
	for _, n := range list {
		s = append(s, n.Name)
	}
	return "(" + strings.Join(s, " ") + ")"
}

func exprs(list []ast.Expr) string {
	var s []string
	for _, e := range list {
		s = append(s, expr(e))
	}
	return "(" + strings.Join(s, " ") + ")"
}

func opt(e ast.Expr) string {
	if e == nil {
		return "_"
	}
	return expr(e)
}

func params(fl *ast.FieldList) string {
	var s []string
	if fl != nil {
		for _, f := range fl.List {
			ty := f.Type
			dots := ""
			if el, ok := ty.(*ast.Ellipsis); ok {
				dots, ty = "...", el.Elt
			}
			if len(f.Names) == 0 {
				s = append(s, fmt.Sprintf("(param _ %s%s)", dots, expr(ty)))
			}
			for _, n := range f.Names {
				s = append(s, fmt.Sprintf("(param %s %s%s)", n.Name, dots, expr(ty)))
			}
		}
	}
	return "(" + strings.Join(s, " ") + ")"
}

func functype(f *ast.FuncType) string {
	return fmt.Sprintf("(functype %s %s)", params(f.Params), params(f.Results))
}

func hexbytes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%02x", s[i])
	}
	return b.String()
}

func expr(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.BasicLit:
		switch e.Kind {
		case token.CHAR:
			// For \x and octal escapes UnquoteChar returns the byte value, as the
			// crate's lexer does.
			v, _, _, _ := strconv.UnquoteChar(e.Value[1:len(e.Value)-1], '\'')
			return fmt.Sprintf("(char %d)", v)
		case token.STRING:
			s, _ := strconv.Unquote(e.Value)
			return "(str " + hexbytes(s) + ")"
		}
		return e.Value
	case *ast.CompositeLit:
		s := "(lit " + opt(e.Type)
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				s += fmt.Sprintf(" (kv %s %s)", expr(kv.Key), expr(kv.Value))
			} else {
				s += " " + expr(el)
			}
		}
		return s + ")"
	case *ast.FuncLit:
		return fmt.Sprintf("(funclit %s %s)", functype(e.Type), block(e.Body))
	case *ast.ParenExpr:
		return "(paren " + expr(e.X) + ")"
	case *ast.SelectorExpr:
		return fmt.Sprintf("(sel %s %s)", expr(e.X), e.Sel.Name)
	case *ast.IndexExpr:
		return fmt.Sprintf("(index %s %s)", expr(e.X), expr(e.Index))
	case *ast.SliceExpr:
		three := ""
		if e.Slice3 {
			three = "3"
		}
		return fmt.Sprintf("(slice%s %s %s %s %s)", three, expr(e.X), opt(e.Low), opt(e.High), opt(e.Max))
	case *ast.TypeAssertExpr:
		if e.Type == nil {
			return fmt.Sprintf("(assert %s type)", expr(e.X))
		}
		return fmt.Sprintf("(assert %s %s)", expr(e.X), expr(e.Type))
	case *ast.CallExpr:
		s := "(call " + expr(e.Fun)
		for _, a := range e.Args {
			s += " " + expr(a)
		}
		if e.Ellipsis.IsValid() {
			s += " ..."
		}
		return s + ")"
	case *ast.StarExpr:
		return "(star " + expr(e.X) + ")"
	case *ast.UnaryExpr:
		return fmt.Sprintf("(%s %s)", e.Op, expr(e.X))
	case *ast.BinaryExpr:
		return fmt.Sprintf("(%s %s %s)", e.Op, expr(e.X), expr(e.Y))
	case *ast.ArrayType:
		if e.Len == nil {
			return "(slicetype " + expr(e.Elt) + ")"
		}
		if _, ok := e.Len.(*ast.Ellipsis); ok {
			return "(array ... " + expr(e.Elt) + ")"
		}
		return fmt.Sprintf("(array %s %s)", expr(e.Len), expr(e.Elt))
	case *ast.StructType:
		s := "(struct"
		for _, f := range e.Fields.List {
			if len(f.Names) == 0 {
				s += " (field _ " + expr(f.Type) + ")"
			}
			for _, n := range f.Names {
				s += fmt.Sprintf(" (field %s %s)", n.Name, expr(f.Type))
			}
		}
		return s + ")"
	case *ast.FuncType:
		return functype(e)
	case *ast.MapType:
		return fmt.Sprintf("(map %s %s)", expr(e.Key), expr(e.Value))
	case *ast.ChanType:
		dir := "both"
		if e.Dir == ast.SEND {
			dir = "send"
		} else if e.Dir == ast.RECV {
			dir = "recv"
		}
		return fmt.Sprintf("(chan %s %s)", dir, expr(e.Value))
	case *ast.InterfaceType:
		return fmt.Sprintf("(interface %d)", len(e.Methods.List))
	}
	return fmt.Sprintf("?%T", e)
}

func block(b *ast.BlockStmt) string {
	return "(block" + stmts(b.List) + ")"
}

func stmts(list []ast.Stmt) string {
	s := ""
	for _, st := range list {
		if _, ok := st.(*ast.EmptyStmt); ok {
			continue
		}
		s += " " + stmt(st)
	}
	return s
}

func optStmt(s ast.Stmt) string {
	if s == nil {
		return "_"
	}
	return stmt(s)
}

func label(l *ast.Ident) string {
	if l == nil {
		return ""
	}
	return " " + l.Name
}

func stmt(s ast.Stmt) string {
	switch s := s.(type) {
	case *ast.DeclStmt:
		return decl(s.Decl)
	case *ast.ExprStmt:
		return "(expr " + expr(s.X) + ")"
	case *ast.SendStmt:
		return fmt.Sprintf("(send %s %s)", expr(s.Chan), expr(s.Value))
	case *ast.IncDecStmt:
		if s.Tok == token.INC {
			return "(inc " + expr(s.X) + ")"
		}
		return "(dec " + expr(s.X) + ")"
	case *ast.AssignStmt:
		return fmt.Sprintf("(assign %s %s %s)", s.Tok, exprs(s.Lhs), exprs(s.Rhs))
	case *ast.GoStmt:
		return "(go " + expr(s.Call) + ")"
	case *ast.DeferStmt:
		return "(defer " + expr(s.Call) + ")"
	case *ast.ReturnStmt:
		r := "(return"
		for _, e := range s.Results {
			r += " " + expr(e)
		}
		return r + ")"
	case *ast.BranchStmt:
		return fmt.Sprintf("(%s%s)", s.Tok, label(s.Label))
	case *ast.BlockStmt:
		return block(s)
	case *ast.IfStmt:
		return fmt.Sprintf("(if %s %s %s %s)", optStmt(s.Init), expr(s.Cond), block(s.Body), optStmt(s.Else))
	case *ast.SwitchStmt:
		r := fmt.Sprintf("(switch %s %s", optStmt(s.Init), opt(s.Tag))
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			if cc.List == nil {
				r += " (default" + stmts(cc.Body) + ")"
			} else {
				r += " (case " + exprs(cc.List) + stmts(cc.Body) + ")"
			}
		}
		return r + ")"
	case *ast.TypeSwitchStmt:
		return "(typeswitch)"
	case *ast.SelectStmt:
		r := "(select"
		for _, c := range s.Body.List {
			cc := c.(*ast.CommClause)
			r += " (comm " + optStmt(cc.Comm) + stmts(cc.Body) + ")"
		}
		return r + ")"
	case *ast.ForStmt:
		return fmt.Sprintf("(for %s %s %s %s)", optStmt(s.Init), opt(s.Cond), optStmt(s.Post), block(s.Body))
	case *ast.RangeStmt:
		tok := "="
		if s.Tok == token.DEFINE {
			tok = ":="
		}
		return fmt.Sprintf("(range %s %s %s %s %s)", opt(s.Key), opt(s.Value), tok, expr(s.X), block(s.Body))
	case *ast.LabeledStmt:
		return fmt.Sprintf("(label %s %s)", s.Label.Name, stmt(s.Stmt))
	case *ast.EmptyStmt:
		return "(empty)"
	}
	return fmt.Sprintf("?%T", s)
}
