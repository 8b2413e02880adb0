import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template';

describe('renderTemplate', () => {
  it('fills dotted paths and renders missing values empty', () => {
    const values = { person: { firstName: 'Ann', tags: ['vip', 'north'] }, company: null };
    expect(renderTemplate('Hi {{ person.firstName }} of {{company.name}}!', values)).toBe('Hi Ann of !');
    expect(renderTemplate('{{person.tags}}|{{person.lastName}}|{{nobody.x}}', values)).toBe('vip, north||');
  });

  it('renders numbers and booleans as text and objects as empty', () => {
    expect(renderTemplate('{{a}} {{b}} {{c}}', { a: 12.5, b: false, c: { x: 1 } })).toBe('12.5 false ');
  });

  it('never runs code nor reaches the prototype', () => {
    const values = { person: { firstName: 'Ann' } };
    expect(renderTemplate('{{person.constructor}}{{person.__proto__}}', values)).toBe('');
    expect(renderTemplate('{{ person.firstName.toUpperCase() }}', values)).toBe(
      '{{ person.firstName.toUpperCase() }}',
    );
  });

  it('inserts values verbatim, without escaping or re-expanding them', () => {
    const values = { person: { firstName: '<b>{{person.lastName}}</b>', lastName: 'Lee' } };
    expect(renderTemplate('{{person.firstName}}', values)).toBe('<b>{{person.lastName}}</b>');
  });
});
