//! The order in which package-level variables are initialised (spec, "Package
//! initialization"): repeatedly the earliest variable in declaration order that has
//! no dependency on an uninitialised variable. Dependencies are the package-level
//! variables an initialiser refers to, directly or through the bodies of the
//! functions it refers to (recorded while checking, `Checker::deps`). A variable that
//! depends on itself is an `initialization cycle`.

use std::collections::{HashMap, HashSet};

use super::{Checker, PkgDecl};
use crate::info::{GlobalInit, ObjId, ObjKind};

impl<'a> Checker<'a> {
    fn is_pkg_var(&self, o: ObjId) -> bool {
        matches!(self.info.objects[o.0 as usize].kind, ObjKind::Var { global: true, .. }) && self.extra[o.0 as usize].decl.is_some()
    }

    fn is_pkg_func(&self, o: ObjId) -> bool {
        matches!(self.info.objects[o.0 as usize].kind, ObjKind::Func)
    }

    /// The variables `v`'s initialiser depends on, through functions.
    fn var_deps(&self, v: ObjId) -> HashSet<ObjId> {
        let mut out = HashSet::new();
        let mut seen_funcs = HashSet::new();
        let mut stack: Vec<ObjId> = self.deps.get(&v).cloned().unwrap_or_default();
        while let Some(d) = stack.pop() {
            if self.is_pkg_var(d) {
                out.insert(d);
            } else if self.is_pkg_func(d) && seen_funcs.insert(d) {
                stack.extend(self.deps.get(&d).into_iter().flatten().copied());
            }
        }
        out
    }

    /// A path `v -> ... -> v` through variables and functions, if there is one.
    fn cycle_path(&self, v: ObjId) -> Option<Vec<ObjId>> {
        let mut parent: HashMap<ObjId, ObjId> = HashMap::new();
        let mut stack = vec![v];
        let mut seen = HashSet::new();
        while let Some(n) = stack.pop() {
            for &d in self.deps.get(&n).into_iter().flatten() {
                if !(self.is_pkg_var(d) || self.is_pkg_func(d)) {
                    continue;
                }
                if d == v {
                    let mut path = vec![n];
                    let mut cur = n;
                    while cur != v {
                        cur = parent[&cur];
                        path.push(cur);
                    }
                    path.reverse();
                    return Some(path);
                }
                if seen.insert(d) {
                    parent.insert(d, n);
                    stack.push(d);
                }
            }
        }
        None
    }

    pub(crate) fn init_order(&mut self) {
        let vars: Vec<ObjId> = self.pkg_objs.iter().copied().filter(|&o| self.is_pkg_var(o)).collect();
        let deps: HashMap<ObjId, HashSet<ObjId>> = vars.iter().map(|&v| (v, self.var_deps(v))).collect();
        let mut done: HashSet<ObjId> = HashSet::new();
        let mut emitted_specs: HashSet<(usize, usize)> = HashSet::new();
        let mut order = Vec::new();
        while done.len() < vars.len() {
            let ready = vars.iter().copied().find(|v| !done.contains(v) && deps[v].iter().all(|d| done.contains(d) && d != v));
            let v = match ready {
                Some(v) => v,
                None => {
                    // A cycle: report the first variable that is on one.
                    let remaining: Vec<ObjId> = vars.iter().copied().filter(|v| !done.contains(v)).collect();
                    let found = remaining.iter().find_map(|&v| self.cycle_path(v).map(|p| (v, p)));
                    match found {
                        Some((v, path)) => {
                            let name = self.info.objects[v.0 as usize].name.clone();
                            let mut msg = format!("initialization cycle for {name}");
                            for (i, &n) in path.iter().enumerate() {
                                let next = path.get(i + 1).copied().unwrap_or(v);
                                let _ = std::fmt::Write::write_fmt(&mut msg, format_args!("\n\t{} refers to {}", self.info.objects[n.0 as usize].name, self.info.objects[next.0 as usize].name));
                            }
                            let span = self.info.objects[v.0 as usize].span;
                            self.error(span, msg);
                            for n in path {
                                done.insert(n);
                            }
                            done.insert(v);
                        }
                        None => {
                            done.extend(remaining);
                        }
                    }
                    continue;
                }
            };
            done.insert(v);
            let Some(PkgDecl::Var { decl, spec }) = self.extra[v.0 as usize].decl else { continue };
            let Some(syntax::ast::Decl::Var(specs)) = self.ast.decls.get(decl) else { continue };
            let Some(s) = specs.get(spec) else { continue };
            if s.values.is_empty() {
                continue;
            }
            let objs = self.spec_objs.get(&(decl, spec)).cloned().unwrap_or_default();
            if s.values.len() == s.names.len() {
                let i = objs.iter().position(|&o| o == v).unwrap_or(0);
                order.push(GlobalInit { decl, spec, value: Some(i) });
            } else if emitted_specs.insert((decl, spec)) {
                order.push(GlobalInit { decl, spec, value: None });
                done.extend(objs);
            }
        }
        self.info.init_order = order;
    }
}
